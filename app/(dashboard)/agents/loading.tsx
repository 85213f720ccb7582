// Shown while the page's data loads. Kept per page (not on the group) so pages that answer 404
// for foreign ids render before streaming starts and send a real 404 status.
export { PageSkeleton as default } from "@/app/(dashboard)/_components/page-skeleton";
