// The integrations dashboard: every integration's state, refreshed every few seconds, with its last hour as a
// chart, circuit reset for those allowed, and the breakers' open and close events as a timeline.
import {get, post} from '../api.js';
import {add, badge, clear, h, ms, percent, time, toast} from '../dom.js';
import {hourChart} from '../chart.js';
import {busy, empty, heading, problem, slot} from '../ui.js';

const REFRESH_MS = 5000;

export async function dashboard(main, params, caller) {
    const updated = h('span', {class: 'muted', 'data-test': 'updated'});
    const grid = h('div', {class: 'cards', 'data-test': 'integrations'});
    const timeline = h('ol', {class: 'timeline', 'data-test': 'timeline'});
    const failure = slot('dashboard-problem');
    add(main, heading('Integrations', updated), failure, grid,
        h('section', {'aria-labelledby': 'timeline-title'}, h('h2', {id: 'timeline-title'}, 'Circuit events (last hour)'), timeline));

    async function refresh() {
        try {
            const [status, history] = await Promise.all([get('/integrations/status'), get('/integrations/history')]);
            const health = await Promise.all(status.integrations.map(i => get(`/integrations/${encodeURIComponent(i.name)}/health`)));
            const minutes = new Map(history.integrations.map(i => [i.name, i.minutes]));
            failure.replaceChildren();
            if (!status.integrations.length) {
                clear(grid, empty('No integrations are loaded.', 'Declare some in the .cai file and restart.'));
            } else {
                const focus = focusIn(grid);
                clear(grid, status.integrations.map((s, i) => card(s, health[i], minutes.get(s.name) ?? [], caller, refresh)));
                focus();
            }
            clear(timeline, history.circuit_events.length ? history.circuit_events.map(event)
                : h('li', {class: 'muted'}, 'No circuit opened or closed in the last hour.'));
            updated.textContent = `Updated ${new Date().toLocaleTimeString()}`;
        } catch (error) {
            failure.replaceChildren(problem(error));
        }
    }

    await refresh();
    const timer = setInterval(() => document.hidden || refresh(), REFRESH_MS);
    return () => clearInterval(timer);
}

function card(status, health, minutes, caller, refresh) {
    const name = status.name;
    const result = slot('card-problem');
    const canReset = caller.allowed.reset_circuit && status.type !== 'webhook' && status.circuit_state !== 'closed';
    const reset = canReset ? h('button', {type: 'button', 'data-test': 'reset-circuit', onclick: event =>
        busy(event.currentTarget, result, async () => {
            const answer = await post(`/integrations/${encodeURIComponent(name)}/circuit/reset`);
            toast(`${name}: circuit ${answer.circuit_state}.`);
            await refresh();
        })}, 'Reset circuit') : null;
    return h('article', {class: `card integration status-${status.status}`, 'data-test': 'integration', 'data-name': name},
        h('header', null,
            h('h2', null, h('a', {href: `#/integrations/${encodeURIComponent(name)}`, 'data-test': 'open'}, name)),
            h('span', {class: 'muted'}, status.type)),
        h('div', {class: 'row'}, badge(status.status, 'status'), h('span', null, 'circuit '), badge(status.circuit_state, 'circuit')),
        h('dl', {class: 'metrics'},
            h('dt', null, 'error rate'), h('dd', {'data-test': 'error-rate'}, percent(status.error_rate)),
            h('dt', null, 'p50'), h('dd', null, ms(health.latency_p50)),
            h('dt', null, 'p99'), h('dd', null, ms(health.latency_p99))),
        h('p', {class: 'last-error', 'data-test': 'last-error'}, health.last_error ? ['Last error: ', health.last_error]
            : h('span', {class: 'muted'}, 'No errors in the last 5 minutes.')),
        hourChart(name, minutes),
        reset, result);
}

/** Remembers which control of which card has the focus, so a refresh does not take it from a keyboard user. */
function focusIn(grid) {
    const element = document.activeElement;
    const name = grid.contains(element) ? element.closest('[data-name]')?.dataset.name : null;
    const control = element?.dataset?.test;
    return () => {
        if (!name || !control) return;
        const card = [...grid.querySelectorAll('[data-name]')].find(c => c.dataset.name === name);
        card?.querySelector(`[data-test="${control}"]`)?.focus();
    };
}

function event(change) {
    const verb = {open: 'opened', 'half-open': 'half-open (probing)', closed: 'closed'}[change.state] ?? change.state;
    return h('li', {'data-test': 'circuit-event'}, h('time', {datetime: change.at}, time(change.at)), ' ',
        h('a', {href: `#/integrations/${encodeURIComponent(change.integration)}`}, change.integration), ' ', badge(change.state), ' ',
        `circuit ${verb}`);
}
