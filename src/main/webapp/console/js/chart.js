// A small SVG chart of one integration's last hour: calls per minute as bars (failed calls in red) and the p99
// latency as a line on its own scale.
import {h, svg} from './dom.js';

const WIDTH = 240;
const HEIGHT = 56;

export function hourChart(name, minutes) {
    const calls = minutes.reduce((sum, m) => sum + m.calls, 0);
    const failures = minutes.reduce((sum, m) => sum + m.failures, 0);
    const slowest = Math.max(0, ...minutes.map(m => m.latency_p99 ?? 0));
    const label = `${name}, last hour: ${calls} calls, ${failures} failed, slowest p99 ${slowest} ms`;
    const most = Math.max(1, ...minutes.map(m => m.calls));
    const step = WIDTH / minutes.length;
    const bars = minutes.flatMap((m, i) => {
        if (!m.calls) return [];
        const total = (m.calls / most) * (HEIGHT - 4);
        const failed = (m.failures / most) * (HEIGHT - 4);
        const x = (i * step).toFixed(1);
        const width = Math.max(1, step - 1).toFixed(1);
        return [svg('rect', {x, y: (HEIGHT - total).toFixed(1), width, height: (total - failed).toFixed(1), class: 'ok'}),
            failed ? svg('rect', {x, y: (HEIGHT - failed).toFixed(1), width, height: failed.toFixed(1), class: 'failed'}) : null];
    });
    const points = minutes.map((m, i) => m.latency_p99 === null ? null
        : `${(i * step + step / 2).toFixed(1)},${(HEIGHT - 2 - (m.latency_p99 / Math.max(1, slowest)) * (HEIGHT - 6)).toFixed(1)}`)
        .filter(Boolean);
    return h('figure', {class: 'chart'},
        svg('svg', {viewBox: `0 0 ${WIDTH} ${HEIGHT}`, preserveAspectRatio: 'none', role: 'img', 'aria-label': label,
            'data-test': 'chart'},
            svg('title', null, label),
            svg('line', {x1: 0, y1: HEIGHT - 0.5, x2: WIDTH, y2: HEIGHT - 0.5, class: 'axis'}),
            bars,
            points.length > 1 ? svg('polyline', {points: points.join(' '), class: 'latency'}) : null),
        h('figcaption', {class: 'muted'}, `last hour: ${calls} calls, ${failures} failed`,
            slowest ? `, p99 up to ${slowest} ms` : ''));
}
