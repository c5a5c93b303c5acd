"use client";

import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import styles from "./usage.module.css";

/**
 * Tokens (bars) and estimated cost (line, right axis) per day of a month,
 * drawn with uPlot on a canvas. The canvas is hidden from screen readers:
 * the summary beside it and the day table below say the same in words.
 * Colours come from the page's CSS variables and follow a light/dark change.
 */
export function UsageChart({
  days,
  label,
  summary,
  tokensLabel,
  costLabel,
}: {
  days: Array<{ day: string; totalTokens: number; costUsd: number }>;
  label: string;
  summary: string;
  tokensLabel: string;
  costLabel: string;
}) {
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    let plot: uPlot | null = null;
    const draw = () => {
      plot?.destroy();
      const css = getComputedStyle(element);
      const color = (name: string) => css.getPropertyValue(name).trim();
      // As many decimals as the step between ticks needs: small costs stay readable.
      const dollars = (v: number, _i: number, splits: number[]) => {
        const step = splits.length > 1 ? Math.abs(splits[1]! - splits[0]!) : v;
        const digits = step > 0 ? Math.min(6, Math.max(0, Math.ceil(-Math.log10(step)))) : 2;
        return `$${v.toFixed(digits)}`;
      };
      const axis = (scale: string, side: 1 | 3, format: (v: number, i: number, splits: number[]) => string): uPlot.Axis => ({
        scale,
        side,
        stroke: color("--fg-muted"),
        grid: { stroke: color("--border"), width: 1, show: side === 3 },
        ticks: { stroke: color("--border"), width: 1 },
        values: (_u, splits) => splits.map((v, i) => format(v, i, splits)),
        size: 64,
      });
      plot = new uPlot(
        {
          width: Math.max(280, element.clientWidth),
          height: 260,
          legend: { show: false },
          cursor: { show: true, points: { show: false } },
          scales: { x: { time: false }, tokens: { range: (_u, _min, max) => [0, Math.max(1, max)] }, usd: { range: (_u, _min, max) => [0, Math.max(0.000001, max)] } },
          axes: [
            { stroke: color("--fg-muted"), grid: { show: false }, ticks: { stroke: color("--border") }, values: (_u, splits) => splits.map((v) => (Number.isInteger(v) ? String(v) : "")) },
            axis("tokens", 3, (v) => Intl.NumberFormat(undefined, { notation: "compact" }).format(v)),
            axis("usd", 1, dollars),
          ],
          series: [
            {},
            { label: tokensLabel, scale: "tokens", fill: color("--accent"), stroke: color("--accent"), paths: uPlot.paths.bars!({ size: [0.7, 28] }), points: { show: false } },
            { label: costLabel, scale: "usd", stroke: color("--fg"), width: 2, points: { show: false } },
          ],
        },
        [days.map((_, i) => i + 1), days.map((d) => d.totalTokens), days.map((d) => d.costUsd)],
        element,
      );
    };
    draw();
    const resized = new ResizeObserver(() => plot?.setSize({ width: Math.max(280, element.clientWidth), height: 260 }));
    resized.observe(element);
    const scheme = window.matchMedia("(prefers-color-scheme: dark)");
    scheme.addEventListener("change", draw);
    return () => {
      scheme.removeEventListener("change", draw);
      resized.disconnect();
      plot?.destroy();
    };
  }, [days, tokensLabel, costLabel]);

  return (
    <figure aria-label={label} className={styles.figure}>
      <div ref={box} aria-hidden="true" />
      <figcaption className="muted small">{summary}</figcaption>
    </figure>
  );
}
