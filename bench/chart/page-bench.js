// Runs inside Chromium (plain JS, no build step): measures lightweight-charts on synthetic candles.
// window.LightweightCharts comes from the standalone build added before this script.
/* global LightweightCharts -- the standalone build added before this script */
window.runChartBench = async function runChartBench(opts) {
  const { createChart, CandlestickSeries, HistogramSeries } = LightweightCharts;
  const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const makeCandles = (n) => {
    const out = new Array(n);
    let p = 60000;
    let seed = 42;
    const rand = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 4294967296;
    const t0 = 1_700_000_000 - n * 60;
    for (let i = 0; i < n; i++) {
      const o = p;
      p = Math.max(1, p * (1 + (rand() - 0.5) * 0.004));
      const h = Math.max(o, p) * (1 + rand() * 0.001);
      const l = Math.min(o, p) * (1 - rand() * 0.001);
      out[i] = { time: t0 + i * 60, open: o, high: h, low: l, close: p, volume: rand() * 10 };
    }
    return out;
  };
  const newChart = () => {
    document.body.innerHTML = '<div id="c" style="width:1200px;height:700px"></div>';
    const chart = createChart(document.getElementById('c'), { width: 1200, height: 700 });
    const candles = chart.addSeries(CandlestickSeries, {});
    const volume = chart.addSeries(HistogramSeries, { priceScaleId: 'v' });
    return { chart, candles, volume };
  };
  const setDataTimes = async (n, reps) => {
    const data = makeCandles(n);
    const vol = data.map((c) => ({ time: c.time, value: c.volume }));
    const call = [];
    const toFrame = [];
    for (let r = 0; r < reps; r++) {
      const { chart, candles, volume } = newChart();
      await frame();
      const t0 = performance.now();
      candles.setData(data);
      volume.setData(vol);
      const t1 = performance.now();
      await frame();
      const t2 = performance.now();
      call.push(t1 - t0);
      toFrame.push(t2 - t0);
      chart.remove();
    }
    return { call, toFrame };
  };
  const liveTimes = async (n, ticks, mode) => {
    const data = makeCandles(n);
    const { chart, candles } = newChart();
    candles.setData(data);
    await frame();
    const call = [];
    const toFrame = [];
    let last = { ...data[data.length - 1] };
    for (let i = 0; i < ticks; i++) {
      const append = i % 10 === 9;
      last = append
        ? { time: last.time + 60, open: last.close, high: last.close, low: last.close, close: last.close, volume: 0 }
        : { ...last, close: last.close * (1 + ((i % 7) - 3) * 1e-4), high: Math.max(last.high, last.close * 1.0003) };
      if (append) data.push(last);
      else data[data.length - 1] = last;
      const t0 = performance.now();
      if (mode === 'update') candles.update(last);
      else candles.setData(data);
      const t1 = performance.now();
      await frame();
      const t2 = performance.now();
      call.push(t1 - t0);
      toFrame.push(t2 - t0);
    }
    chart.remove();
    return { call, toFrame };
  };
  return {
    set50k: await setDataTimes(opts.setDataCandles, opts.setDataReps),
    set200k: await setDataTimes(opts.bigCandles, opts.bigReps),
    update: await liveTimes(opts.setDataCandles, opts.updateTicks, 'update'),
    setDataPerTick: await liveTimes(opts.setDataCandles, opts.baselineTicks, 'setData'),
  };
};
