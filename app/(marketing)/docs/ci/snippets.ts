// The code samples of the CI guide and the CLI reference, kept apart from the pages so
// snippets.test.ts can check that every signaldiff command in them exists and its flags parse,
// and that the workflow uses only inputs the Action declares.

import {
  ACTION_USES,
  CLI_FILE_URL,
  REPOSITORY_NAME,
  REPOSITORY_URL,
} from "@/lib/product/distribution";

/** The CLI as one file, from the repository that publishes the Action, at the same tag. */
export const CLI_DOWNLOAD = `curl -fsSLo signaldiff.mjs ${CLI_FILE_URL}`;

export const WORKFLOW = `name: Deploy
on:
  push:
    branches: [main]
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: ./scripts/deploy.sh # your deploy
  signal-diff:
    needs: deploy # runs once the deploy job succeeded
    runs-on: ubuntu-latest
    steps:
      - id: signaldiff
        uses: ${ACTION_USES}
        with:
          site-id: YOUR_SITE_ID
          environment: production
          wait: true
          fail-on-changes: true
          timeout: 15m
        env:
          SIGNALDIFF_CI_API_KEY: \${{ secrets.SIGNALDIFF_CI_API_KEY }}
          SIGNALDIFF_API_BASE_URL: \${{ secrets.SIGNALDIFF_API_BASE_URL }}
      - if: always()
        run: echo "Signal Diff run \${{ steps.signaldiff.outputs.run-url }} ended \${{ steps.signaldiff.outputs.status }}"`;

export const GITLAB = `signal-diff:
  stage: verify # a stage after your deploy stage
  image: node:20
  needs: [deploy]
  script:
    - ${CLI_DOWNLOAD}
    - node signaldiff.mjs trigger --site "$SIGNALDIFF_SITE_ID" --commit "$CI_COMMIT_SHA" --branch "$CI_COMMIT_REF_NAME" --environment "$CI_ENVIRONMENT_NAME" --repository "$CI_PROJECT_PATH" --run-url "$CI_PIPELINE_URL" --wait --fail-on-changes
  # SIGNALDIFF_CI_API_KEY (masked, protected) and SIGNALDIFF_API_BASE_URL are CI/CD variables.`;

export const CIRCLECI = `version: 2.1
jobs:
  signal-diff:
    docker:
      - image: cimg/node:20.19
    steps:
      - run: ${CLI_DOWNLOAD}
      - run: node signaldiff.mjs trigger --site "$SIGNALDIFF_SITE_ID" --commit "$CIRCLE_SHA1" --branch "$CIRCLE_BRANCH" --run-url "$CIRCLE_BUILD_URL" --wait --fail-on-changes
workflows:
  deploy-and-check:
    jobs:
      - deploy
      - signal-diff:
          requires: [deploy]
          context: signal-diff # holds SIGNALDIFF_CI_API_KEY and SIGNALDIFF_API_BASE_URL`;

export const SHELL = `export SIGNALDIFF_API_BASE_URL=https://signaldiff.example
read -rs SIGNALDIFF_CI_API_KEY && export SIGNALDIFF_CI_API_KEY   # paste the key; not echoed
node signaldiff.mjs sites list
node signaldiff.mjs trigger --site YOUR_SITE_ID --wait --timeout 10m
echo "exit code $?"`;

export const KEY_STDIN = `vault kv get -field=key secret/signaldiff | node signaldiff.mjs trigger --key-stdin --site YOUR_SITE_ID --wait`;

export const FROM_CHECKOUT = `git clone ${REPOSITORY_URL} && cd ${REPOSITORY_NAME}
npx signaldiff --help   # the package's bin: cli/signaldiff.mjs, no install or build needed`;

export const JSON_SCRIPT = `node signaldiff.mjs trigger --site YOUR_SITE_ID --wait --json > result.json
jq -r '.changed_pages[] | "\\(.change) \\(.url)"' result.json`;

export const TRIGGER_JSON = `{
  "run_id": "cm9x2k1q80002abcd1234efgh",
  "url": "https://signaldiff.example/runs/cm9x2k1q80002abcd1234efgh",
  "status": "succeeded",
  "verdict": "changes",
  "exit_code": 1,
  "counts": { "planned": 3, "done": 3, "added": 1, "removed": 0, "changed": 1, "unchanged": 1, "errored": 0 },
  "changed_pages": [
    { "url": "https://www.example.com/pricing", "change": "changed", "title": "Pricing", "http_status": 200, "previous_status": 200 },
    { "url": "https://www.example.com/new", "change": "added", "title": "New", "http_status": 200, "previous_status": null }
  ],
  "error": null,
  "run": { "id": "cm9x2k1q80002abcd1234efgh", "site_id": "cm9x2k1q80001abcd1234efgh", "status": "succeeded", "source": "ci" }
}`;

export const ERROR_JSON = `{
  "error": {
    "code": "unauthorized",
    "message": "The CI API key was refused (401): …",
    "exit_code": 3,
    "http_status": 401
  }
}`;

export const LIST_COMMANDS = `node signaldiff.mjs runs list --site YOUR_SITE_ID --status failed --limit 10
node signaldiff.mjs runs show RUN_ID
node signaldiff.mjs runs cancel RUN_ID
node signaldiff.mjs sites list --json`;

export const AGENT_MODE = `node signaldiff.mjs trigger --site YOUR_SITE_ID --execution-mode agent --pool YOUR_POOL_ID --wait`;

/** Every sample that contains signaldiff commands (checked by snippets.test.ts). */
export const COMMAND_SNIPPETS = {
  GITLAB,
  CIRCLECI,
  SHELL,
  KEY_STDIN,
  FROM_CHECKOUT,
  JSON_SCRIPT,
  LIST_COMMANDS,
  AGENT_MODE,
};
