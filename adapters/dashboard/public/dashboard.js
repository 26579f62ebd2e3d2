// Draws the funnel chart from the numbers the page carries in `data-chart` (the table under it holds
// the same numbers, for anyone who cannot see the chart). Loaded after Chart.js; no inline script.
(() => {
  const Chart = globalThis.Chart;
  if (!Chart) return;
  const colours = ['#1f4e9c', '#b3541e'];
  // The page's own font (Chinese step names too), a little larger than Chart.js's 12px.
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.font.size = 13;
  for (const canvas of document.querySelectorAll('canvas[data-chart]')) {
    const data = JSON.parse(canvas.dataset.chart);
    new Chart(canvas, {
      type: 'bar',
      data: {
        labels: data.labels,
        datasets: data.series.map((s, i) => ({
          label: s.label,
          data: s.values,
          backgroundColor: colours[i % 2],
        })),
      },
      options: {
        indexAxis: 'y',
        animation: false,
        maintainAspectRatio: false,
        scales: {
          x: { beginAtZero: true, ticks: { precision: 0, color: '#222' } },
          y: { ticks: { color: '#222' } },
        },
        plugins: { legend: { labels: { color: '#222' } } },
      },
    });
    canvas.dataset.drawn = 'true';
  }
})();
