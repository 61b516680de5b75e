/**
 * A bar chart drawn by Chart.js on a canvas (no inline script, no eval: it runs under the app's
 * strict CSP), in the page's language and direction. The canvas is an image with a label for
 * screen readers; the same figures are always in a table beside it (ChartTable).
 */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from "chart.js";
import { useEffect, useRef } from "react";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

export interface Series { label: string; data: number[]; color: string }

export function BarChart({ labels, series, label, locale, rtl, horizontal = false }: {
  labels: string[]; series: Series[]; label: string; locale: string; rtl: boolean; horizontal?: boolean;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const chart = new Chart(canvas.current!, {
      type: "bar",
      data: { labels, datasets: series.map((s) => ({ label: s.label, data: s.data, backgroundColor: s.color })) },
      options: {
        indexAxis: horizontal ? "y" : "x",
        locale,
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { rtl, position: "bottom" }, tooltip: { rtl } },
        // Right to left, time and categories run from the right.
        scales: horizontal
          ? { x: { beginAtZero: true, reverse: rtl, ticks: { precision: 0 } }, y: { position: rtl ? "right" : "left" } }
          : { x: { reverse: rtl }, y: { beginAtZero: true, position: rtl ? "right" : "left", ticks: { precision: 0 } } },
      },
    });
    return () => chart.destroy();
  }, [labels, series, locale, rtl, horizontal]);
  return (
    <div className={`chart-box${horizontal ? " horizontal" : ""}`} style={horizontal ? { blockSize: `${Math.max(160, labels.length * 36 + 60)}px` } : undefined}>
      <canvas ref={canvas} role="img" aria-label={label} />
    </div>
  );
}
