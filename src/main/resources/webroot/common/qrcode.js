// A QR code as an SVG element, for the printed report: vector, so it stays crisp at any printer's
// resolution. The encoding is Kazuhiko Arase's qrcode-generator (qrcode-generator.js, MIT, vendored
// unchanged); this module only draws its modules with DOM calls (the pages' CSP allows no markup
// parsed from strings and no inline style), one path of unit squares on a white square with the
// four-module quiet zone the standard asks for.
import { qrcode } from './qrcode-generator.js';

const SVG = 'http://www.w3.org/2000/svg';
const QUIET = 4;

/** The dark modules of text's QR code (byte mode, automatic version): {size, dark(row, col)}. */
export function qrModules(text, level = 'M') {
  const qr = qrcode(0, level);
  qr.addData(text, 'Byte');
  qr.make();
  return { size: qr.getModuleCount(), dark: (row, col) => qr.isDark(row, col) };
}

/**
 * An <svg> of text's QR code, sized by the page's CSS (its viewBox is in modules). label: the
 * accessible name (role img), e.g. what the code holds.
 */
export function qrSvg(text, { level = 'M', label = text } = {}) {
  const { size, dark } = qrModules(text, level);
  const side = size + 2 * QUIET;
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${side} ${side}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  svg.setAttribute('shape-rendering', 'crispEdges');
  const paper = document.createElementNS(SVG, 'rect');
  paper.setAttribute('width', String(side));
  paper.setAttribute('height', String(side));
  paper.setAttribute('fill', '#fff');
  const steps = [];
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      if (dark(row, col)) steps.push(`M${col + QUIET} ${row + QUIET}h1v1h-1z`);
    }
  }
  const ink = document.createElementNS(SVG, 'path');
  ink.setAttribute('d', steps.join(''));
  ink.setAttribute('fill', '#000');
  svg.append(paper, ink);
  return svg;
}
