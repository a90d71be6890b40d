/**
 * The chart Plot drew, as one <img> of its SVG: the page then styles, lays out and paints one
 * element instead of hundreds of marks, and a redraw replaces one image. Returns the drawing
 * itself when it is not a bare SVG (a Plot figure with a legend).
 */
export function chartImage(chart: Element, container: HTMLElement): Element {
  if (!(chart instanceof SVGSVGElement)) return chart;
  const style = getComputedStyle(container);
  // An image sees no page styles: give it the text size and colour it would have inherited.
  chart.style.fontSize = style.getPropertyValue('--text-xs').trim() || '13px';
  chart.style.color = style.color;
  const image = document.createElement('img');
  image.alt = '';
  image.className = 'chart-image';
  const width = Number(chart.getAttribute('width'));
  const height = Number(chart.getAttribute('height'));
  if (width > 0 && height > 0) {
    image.width = width;
    image.height = height;
  }
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(chart))}`;
  return image;
}
