// ECharts' own ES module build, served from the org.mvnpm:echarts jar; keep the version in step with pom.xml.
import * as echarts from '../_static/echarts/6.0.0/dist/echarts.esm.min.js';

// the portal's money rule (DisplayFormats): Cr$ first, thousands grouped, to the cent; an amount below a cent keeps
// two significant digits so it never reads as zero
const CENTS = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const BELOW_A_CENT = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 2, maximumFractionDigits: 9 });
const COUNT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

const credits = (value) => {
  const amount = Math.abs(value);
  const digits = amount === 0 || amount >= 0.01 ? CENTS.format(amount) : BELOW_A_CENT.format(amount);
  return `${value < 0 ? '-' : ''}Cr$ ${digits}`;
};

const FORMATS = {
  credits,
  count: (value) => COUNT.format(value),
  percent: (value) => `${COUNT.format(value)}%`,
};

const template = document.createElement('template');
template.innerHTML = `
  <style>
    :host {
      display: flex;
      flex-direction: column;
      box-sizing: border-box;
      height: 320px;
      min-width: 0;
      font-family: var(--lumo-font-family);
      font-size: var(--lumo-font-size-s);
      color: var(--lumo-body-text-color);
      /* the series colours, Lumo's blue first; a theme may override them */
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
    [part='title']:empty { display: none; }
    [part='plot'] { flex: 1; min-height: 0; position: relative; }
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
    [part='empty'][hidden], .probe { display: none; }
  </style>
  <div part="title"></div>
  <div part="plot"><div part="empty" hidden></div></div>
  <span class="probe"></span>`;

/**
 * An Apache ECharts chart in Lumo's colours and fonts, driven by the server through its `config` property: a JSON
 * string holding either `{option, measure}` or `{empty}` (the message shown when there is nothing to draw).
 * Once drawn it sets `data-rendered="true"` and `data-points` (the data items drawn) so tests can wait for it.
 */
class TollgateChart extends HTMLElement {
  constructor() {
    super();
    this.attachShadow({ mode: 'open' }).append(template.content.cloneNode(true));
    this._plot = this.shadowRoot.querySelector('[part="plot"]');
    this._empty = this.shadowRoot.querySelector('[part="empty"]');
    this._probe = this.shadowRoot.querySelector('.probe');
    // this module loads after the page: the server may have set properties on the element before it was defined
    for (const property of ['config', 'chartTitle']) {
      if (Object.prototype.hasOwnProperty.call(this, property)) {
        const value = this[property];
        delete this[property];
        this[property] = value;
      }
    }
  }

  get config() {
    return this._config;
  }

  set config(value) {
    this._config = value;
    this._draw();
  }

  get chartTitle() {
    return this.shadowRoot.querySelector('[part="title"]').textContent;
  }

  set chartTitle(value) {
    this.shadowRoot.querySelector('[part="title"]').textContent = value ?? '';
  }

  connectedCallback() {
    this._chart = echarts.init(this._plot, null, { renderer: 'svg' });
    this._chart.on('finished', () => this._markRendered());
    this._resizeObserver = new ResizeObserver(() => this._chart?.resize());
    this._resizeObserver.observe(this._plot);
    this._draw();
  }

  disconnectedCallback() {
    this._resizeObserver?.disconnect();
    this._resizeObserver = undefined;
    this._chart?.dispose();
    this._chart = undefined;
  }

  _draw() {
    if (!this._chart || !this._config) {
      return;
    }
    this.removeAttribute('data-rendered');
    const config = JSON.parse(this._config);
    if (config.empty !== undefined) {
      this._chart.clear();
      this._empty.textContent = config.empty;
      this._empty.hidden = false;
      this._points = 0;
      this._markRendered();
      return;
    }
    this._empty.hidden = true;
    const option = this._themed(config.option, FORMATS[config.measure] ?? FORMATS.count);
    this._points = option.series.reduce((sum, series) => sum + series.data.length, 0);
    this._chart.setOption(option, { notMerge: true });
  }

  _markRendered() {
    if (this._points !== undefined) {
      this.setAttribute('data-points', String(this._points));
      this.setAttribute('data-rendered', 'true');
    }
  }

  /** Lays Lumo's colours, font and the value format over the server's option. */
  _themed(option, format) {
    const host = getComputedStyle(this);
    const fontSize = parseFloat(host.fontSize);
    const bodyText = this._color('--lumo-body-text-color');
    const text = { color: this._color('--lumo-secondary-text-color'), fontFamily: host.fontFamily, fontSize };
    const gridLine = this._color('--lumo-contrast-10pct');
    const axisLine = this._color('--lumo-contrast-20pct');
    const base = this._color('--lumo-base-color');
    const axis = (spec) =>
      spec && {
        ...spec,
        axisLabel: { ...text, hideOverlap: true, ...(spec.type === 'value' ? { formatter: format } : {}) },
        axisLine: { lineStyle: { color: axisLine } },
        axisTick: { show: false },
        splitLine: { lineStyle: { color: gridLine } },
      };
    return {
      ...option,
      color: [1, 2, 3, 4, 5, 6, 7, 8].map((n) => this._color(`--tollgate-chart-color-${n}`)),
      backgroundColor: 'transparent',
      textStyle: { fontFamily: host.fontFamily, fontSize },
      animationDuration: 300,
      animationDurationUpdate: 300,
      legend: option.legend && {
        ...option.legend,
        textStyle: { ...text, color: bodyText },
        icon: 'roundRect',
        itemWidth: 12,
        itemHeight: 12,
        pageTextStyle: { color: bodyText },
      },
      tooltip: {
        ...option.tooltip,
        confine: true,
        valueFormatter: format,
        backgroundColor: base,
        borderColor: gridLine,
        textStyle: { ...text, color: bodyText },
        extraCssText: 'box-shadow: var(--lumo-box-shadow-s); border-radius: var(--lumo-border-radius-m);',
      },
      xAxis: axis(option.xAxis),
      yAxis: axis(option.yAxis),
      series: option.series.map((series) =>
        series.type === 'pie'
          ? {
              ...series,
              label: { ...text, color: bodyText, ...series.label },
              itemStyle: { borderColor: base, borderWidth: 2 },
            }
          : series,
      ),
    };
  }

  /**
   * A custom property as a colour ECharts understands: Lumo's values are light-dark() and other functions ECharts
   * cannot parse, so the browser resolves them on a probe, and a canvas turns anything but rgb() into rgba().
   */
  _color(property) {
    this._probe.style.color = `var(${property})`;
    const resolved = getComputedStyle(this._probe).color;
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
