// Shown while the list loads. It sits in the (list) route group so that it wraps this page only:
// a loading boundary above /runs/[runId] would start streaming (HTTP 200) before that page could
// answer 404 for another team's run.
export { PageSkeleton as default } from "@/app/(dashboard)/_components/page-skeleton";
