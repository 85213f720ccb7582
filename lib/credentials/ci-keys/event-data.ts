// What a ci_key.* webhook event says about the key: its id and display prefix, never the secret.
export function keyEventData(key: { id: string; prefix: string }) {
  return { key_id: key.id, prefix: key.prefix };
}
