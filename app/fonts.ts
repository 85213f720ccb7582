import localFont from "next/font/local";

// Inter ships inside an npm package, so the build never fetches a web font.
export const inter = localFont({
  src: "../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2",
  variable: "--font-inter",
  display: "swap",
  weight: "100 900",
});
