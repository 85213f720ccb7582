// Shown while the page's data loads.
export { PageSkeleton as default } from "@/app/(dashboard)/_components/page-skeleton";
