/** Renders the app icon (web/public/icons/icon.svg) to the PNG sizes the manifest and iOS ask for. */
import sharp from "sharp";

for (const size of [192, 512]) {
  await sharp("web/public/icons/icon.svg", { density: 300 }).resize(size, size).png().toFile(`web/public/icons/icon-${size}.png`);
}
