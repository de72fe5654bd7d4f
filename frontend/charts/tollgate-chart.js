import { LitElement, css, html } from 'lit';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

// Only the chart kinds the portal draws, so the bundle carries a fraction of ECharts.
echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

const CREDITS = new Intl.NumberFormat('en-US', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 9,
  useGrouping: false,
});
const COUNT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

const FORMATS = {
  credits: (value) => `Cr$ ${CREDITS.format(value)}`,
  count: (value) => COUNT.format(value),
};

/**
 * An Apache ECharts chart in Lumo's colours and fonts, driven by the server through its `config` property: a JSON
 * string holding either `{option, measure}` or `{empty}` (the message shown when there is nothing to draw).
 * Once drawn it sets `data-rendered="true"` and `data-points` (the data items drawn) so tests can wait for it.
 */
class TollgateChart extends LitElement {
  static properties = {
    config: { type: String },
    chartTitle: { type: String, attribute: 'chart-title' },
  };

  static styles = css`
    :host {
      display: flex;
      flex-direction: column;
      box-sizing: border-box;
      height: 320px;
      min-width: 0;
      font-family: var(--lumo-font-family);
      font-size: var(--lumo-font-size-s);
      color: var(--lumo-body-text-color);
      /* the series colours; a theme may override them */
      --tollgate-chart-color-1: var(--lumo-primary-color);
      --tollgate-chart-color-2: #16a3a5;
      --tollgate-chart-color-3: #f59e0b;
      --tollgate-chart-color-4: #8b5cf6;
      --tollgate-chart-color-5: #e5487b;
      --tollgate-chart-color-6: #22a05a;
      --tollgate-chart-color-7: #6b7a90;
      --tollgate-chart-color-8: #c2410c;
    }
    [part='title'] {
      margin: 0 0 var(--lumo-space-s);
      font-size: var(--lumo-font-size-m);
      font-weight: 600;
      color: var(--lumo-header-text-color);
    }
    [part='title']:empty {
      display: none;
    }
    [part='plot'] {
      flex: 1;
      min-height: 0;
      position: relative;
    }
    [part='empty'] {
      position: absolute;
      inset: 0;
      display: flex;
      align-items: center;
      justify-content: center;
      color: var(--lumo-secondary-text-color);
      border: 1px dashed var(--lumo-contrast-20pct);
      border-radius: var(--lumo-border-radius-m);
    }
    [part='empty'][hidden] {
      display: none;
    }
    .probe {
      display: none;
    }
  `;

  render() {
    return html`<div part="title">${this.chartTitle ?? ''}</div>
      <div part="plot"><div part="empty" hidden></div></div>
      <span class="probe"></span>`;
  }

  firstUpdated() {
    this._start();
  }

  connectedCallback() {
    super.connectedCallback();
    // a chart moved elsewhere in the DOM is disconnected and connected again: start afresh
    if (this.hasUpdated && !this._chart) {
      this._start();
      this._draw();
    }
  }

  _start() {
    const plot = this.renderRoot.querySelector('[part="plot"]');
    this._chart = echarts.init(plot, null, { renderer: 'svg' });
    this._chart.on('finished', () => this._markRendered());
    this._resizeObserver = new ResizeObserver(() => this._chart?.resize());
    this._resizeObserver.observe(plot);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this._resizeObserver?.disconnect();
    this._resizeObserver = undefined;
    this._chart?.dispose();
    this._chart = undefined;
  }

  updated(changed) {
    if (changed.has('config')) {
      this._draw();
    }
  }

  _draw() {
    if (!this._chart || !this.config) {
      return;
    }
    this.removeAttribute('data-rendered');
    const config = JSON.parse(this.config);
    const empty = this.renderRoot.querySelector('[part="empty"]');
    if (config.empty !== undefined) {
      this._chart.clear();
      empty.textContent = config.empty;
      empty.hidden = false;
      this._pendingPoints = 0;
      this._markRendered();
      return;
    }
    empty.hidden = true;
    const option = this._themed(config.option, FORMATS[config.measure] ?? FORMATS.count);
    this._pendingPoints = option.series.reduce((sum, series) => sum + series.data.length, 0);
    this._chart.setOption(option, { notMerge: true });
  }

  _markRendered() {
    if (this._pendingPoints === undefined) {
      return;
    }
    this.setAttribute('data-points', String(this._pendingPoints));
    this.setAttribute('data-rendered', 'true');
  }

  /** Lays Lumo's colours, font and the value format over the server's option. */
  _themed(option, format) {
    const host = getComputedStyle(this);
    const fontSize = parseFloat(host.fontSize);
    const text = { color: this._color('--lumo-secondary-text-color'), fontFamily: host.fontFamily, fontSize };
    const gridLine = this._color('--lumo-contrast-10pct');
    const axisLine = this._color('--lumo-contrast-20pct');
    const palette = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => this._color(`--tollgate-chart-color-${n}`));
    const axis = (spec) =>
      spec && {
        ...spec,
        axisLabel: {
          ...text,
          hideOverlap: true,
          ...(spec.type === 'value' ? { formatter: format } : {}),
          ...spec.axisLabel,
        },
        axisLine: { lineStyle: { color: axisLine } },
        axisTick: { show: false },
        splitLine: { lineStyle: { color: gridLine } },
      };
    return {
      ...option,
      color: palette,
      backgroundColor: 'transparent',
      textStyle: { fontFamily: host.fontFamily, fontSize },
      animationDuration: 300,
      animationDurationUpdate: 300,
      legend: option.legend && {
        ...option.legend,
        textStyle: { ...text, color: this._color('--lumo-body-text-color') },
        icon: 'roundRect',
        itemWidth: 12,
        itemHeight: 12,
      },
      tooltip: {
        ...option.tooltip,
        valueFormatter: format,
        backgroundColor: this._color('--lumo-base-color'),
        borderColor: gridLine,
        textStyle: { ...text, color: this._color('--lumo-body-text-color') },
        extraCssText: 'box-shadow: var(--lumo-box-shadow-s); border-radius: var(--lumo-border-radius-m);',
      },
      xAxis: axis(option.xAxis),
      yAxis: axis(option.yAxis),
      series: option.series.map((series) =>
        series.type === 'pie'
          ? {
              ...series,
              label: { ...text, color: this._color('--lumo-body-text-color'), ...series.label },
              itemStyle: { borderColor: this._color('--lumo-base-color'), borderWidth: 2 },
            }
          : series,
      ),
    };
  }

  /**
   * A custom property as a colour ECharts understands: Lumo's values may be light-dark() or other functions
   * ECharts cannot parse, so the browser resolves them on a probe and a canvas turns the result into rgba().
   */
  _color(property) {
    const probe = this.renderRoot.querySelector('.probe');
    probe.style.color = `var(${property})`;
    const resolved = getComputedStyle(probe).color;
    if (resolved.startsWith('rgb')) {
      return resolved;
    }
    const context = (this._canvas ??= document.createElement('canvas')).getContext('2d', { willReadFrequently: true });
    context.clearRect(0, 0, 1, 1);
    context.fillStyle = resolved;
    context.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = context.getImageData(0, 0, 1, 1).data;
    return `rgba(${r}, ${g}, ${b}, ${(a / 255).toFixed(3)})`;
  }
}

customElements.define('tollgate-chart', TollgateChart);
