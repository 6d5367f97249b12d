import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import { BarChart, LineChart } from 'echarts/charts';
import type {
  AriaComponentOption,
  GridComponentOption,
  LegendComponentOption,
  TitleComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import { type ComposeOption, type ECharts, init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

// ECharts, tree-shaken (bar and line charts, SVG renderer), in a small React wrapper, with its aria
// description and decal patterns on, so colour is never the only cue.

use([
  BarChart,
  LineChart,
  AriaComponent,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  SVGRenderer,
]);

export type ECOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | AriaComponentOption
  | GridComponentOption
  | LegendComponentOption
  | TitleComponentOption
  | TooltipComponentOption
>;

/**
 * One ECharts instance on a div (SVG renderer), re-created when the language changes so its own
 * words (the aria description) follow. Options are replaced, not merged, on every change.
 */
export function EChart({ option, height = 320 }: { option: ECOption; height?: number }) {
  const node = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const latest = useRef(option);
  latest.current = option;
  const { i18n } = useTranslation();
  const locale = i18n.language === 'zh-CN' ? 'ZH' : 'EN';
  useEffect(() => {
    const el = node.current;
    if (!el) return;
    const instance = init(el, null, { renderer: 'svg', locale });
    instance.setOption(withAria(latest.current), { notMerge: true });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [locale]);
  useEffect(() => {
    chart.current?.setOption(withAria(option), { notMerge: true });
  }, [option]);
  return (
    <div
      ref={node}
      role="img"
      data-testid="echart"
      // A paged legend lays its hidden pages out beyond the chart's right edge: clipped to it.
      style={{ width: '100%', height, minWidth: 0, overflow: 'hidden' }}
    />
  );
}

/** A number as a screen reader should hear it: no NaN, no long fractions. */
function spoken(value: unknown): string {
  const n = Array.isArray(value) ? value.at(-1) : value;
  if (typeof n !== 'number' || !Number.isFinite(n)) return '–';
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100);
}

/**
 * The chart read out: each series with its values by category, numbers rounded and gaps said as
 * "–" (ECharts' own description reads NaN and raw fractions). A chart may give its own.
 */
function describe(option: ECOption): string {
  const axis = [option.xAxis, option.yAxis]
    .flat()
    .find((a) => a && 'data' in a && Array.isArray((a as { data?: unknown[] }).data)) as
    | { data: unknown[] }
    | undefined;
  const categories = (axis?.data ?? []).map((c) =>
    typeof c === 'object' && c && 'value' in c
      ? String((c as { value: unknown }).value)
      : String(c),
  );
  const title = [option.title].flat()[0] as { text?: string } | undefined;
  const series = [option.series].flat().filter(Boolean) as { name?: string; data?: unknown[] }[];
  const parts = series.map((s) => {
    const values = (s.data ?? []).map((v, i) => {
      const raw = typeof v === 'object' && v && 'value' in v ? (v as { value: unknown }).value : v;
      return categories[i] ? `${categories[i]}: ${spoken(raw)}` : spoken(raw);
    });
    return `${s.name ? `${s.name}: ` : ''}${values.join('; ')}`;
  });
  return [title?.text, ...parts].filter(Boolean).join('. ');
}

/** A readable description (aria-label) and a decal pattern per series, always on. */
function withAria(option: ECOption): ECOption {
  const given = (option.aria as AriaComponentOption | undefined)?.label?.description;
  return {
    ...option,
    aria: {
      enabled: true,
      decal: { show: true },
      label: { enabled: true, description: given ?? describe(option) },
    },
  };
}
