// One integration: what it is, the policies in effect, its operations with their arguments, and a "try it" form
// that calls an operation and shows the answer's status, the call's headers and the body.
import {del, get, post, send} from '../api.js';
import {add, badge, facts, h, ms, percent, pretty, toast} from '../dom.js';
import {busy, empty, headerTable, heading, problem, slot} from '../ui.js';

const CALL_HEADERS = ['X-Integration-Attempts', 'X-Circuit-State', 'X-Cache', 'Retry-After', 'X-Fallback', 'Content-Type',
    'X-Request-Id'];

export async function integration(main, [name], caller) {
    const path = `/integrations/${encodeURIComponent(name)}`;
    const [about, health] = await Promise.all([get(path), get(`${path}/health`)]);
    const actions = slot('admin-result');
    const buttons = [];
    if (caller.allowed.reset_circuit && about.circuit_breaker) {
        buttons.push(h('button', {type: 'button', 'data-test': 'reset-circuit', onclick: event => busy(event.currentTarget, actions,
            async () => toast(`${name}: circuit ${(await post(`${path}/circuit/reset`)).circuit_state}.`))}, 'Reset circuit'));
    }
    if (caller.allowed.purge_cache && (about.default_cache_ttl_seconds || about.operations.some(o => o.cache_seconds))) {
        buttons.push(h('button', {type: 'button', class: 'secondary', onclick: event => busy(event.currentTarget, actions,
            async () => toast(`${name}: ${(await del(`${path}/cache`)).purged} cached answers removed.`))}, 'Empty cache'));
    }
    add(main, heading(name, badge(health.status, 'status'), badge(health.circuit_state, 'circuit')),
        about.description ? h('p', null, about.description) : null,
        about.configured ? null : h('div', {class: 'problem', role: 'alert'}, h('strong', null, 'Unconfigured'),
            h('p', null, about.unconfigured_reason)),
        h('section', {class: 'card'}, h('h2', null, 'Policies in effect'), facts(policies(about, health))),
        buttons.length ? h('div', {class: 'row'}, buttons) : null, actions,
        h('h2', null, 'Operations'),
        about.operations.length ? about.operations.map(op => operation(name, op, about, caller))
            : empty('This integration has no operations of its own.'));
}

function policies(about, health) {
    const retry = about.retry;
    const breaker = about.circuit_breaker;
    return [
        ['type', about.type],
        ['base URL', about.base_url ?? '—'],
        ['auth', [about.auth.type, about.auth.name ? ` (${about.auth.placement} ${about.auth.name})` : ''].join('')],
        ['timeout', ms(about.timeout_ms)],
        ['retry', retry.max_retries ? `${retry.max_retries} retries, ${retry.strategy}` +
            (retry.delays_ms.length ? ` (${retry.delays_ms.join(', ')} ms)` : '') : 'none'],
        ['circuit breaker', breaker ? `opens after ${breaker.failures} ${breaker.consecutive ? 'consecutive ' : ''}failures` +
            (breaker.window_seconds ? ` in ${breaker.window_seconds} s` : '') +
            `, reset after ${breaker.reset_after_seconds} s, ${breaker.half_open_max_calls} half-open probe(s)` : 'none'],
        ['rate limit', about.rate_limit ? `${about.rate_limit.requests} per ${about.rate_limit.window_seconds} s` : 'none'],
        ['cache', about.default_cache_ttl_seconds ? `${about.default_cache_ttl_seconds} s by default` : 'none by default'],
        ['last 5 minutes', `success ${percent(health.success_rate)}, p50 ${ms(health.latency_p50)}, p99 ${ms(health.latency_p99)}`],
        ['last error', health.last_error ?? '—'],
    ];
}

function operation(name, op, about, caller) {
    const id = `op-${op.name}`;
    const args = h('textarea', {id: `${id}-args`, rows: Math.min(12, 3 + op.arguments.length), class: 'mono', spellcheck: 'false',
        'data-test': 'arguments', value: JSON.stringify(skeleton(op.arguments), null, 2)});
    const key = h('input', {id: `${id}-key`, type: 'text', autocomplete: 'off', 'data-test': 'idempotency-key'});
    const result = slot('try-result');
    const submit = h('button', {type: 'submit', 'data-test': 'invoke'}, 'Invoke');
    const form = caller.allowed.invoke ? h('form', {class: 'try', onsubmit: event => {
        event.preventDefault();
        busy(submit, result, () => invoke(name, op.name, args.value, key.value.trim(), result));
    }},
        h('label', {for: args.id}, 'Arguments (JSON)'), args,
        h('label', {for: key.id}, 'Idempotency-Key (optional)'), key,
        submit) : null;
    const cache = op.cache_seconds ?? about.default_cache_ttl_seconds;
    return h('details', {class: 'card operation', 'data-test': 'operation', 'data-name': op.name},
        h('summary', null, h('strong', null, op.name), ' ', h('code', null, op.method, op.path ? ` ${op.path}` : ''),
            op.description ? h('span', {class: 'muted'}, ` — ${op.description}`) : null),
        facts([['cache', op.method === 'GET' && cache ? `${cache} s` : 'not cached'], ['timeout', ms(about.timeout_ms)],
            ['retries', String(about.retry.max_retries)]]),
        op.arguments.length ? h('table', {class: 'args'},
            h('thead', null, h('tr', null, ['name', 'type', 'required', 'default', 'in'].map(c => h('th', {scope: 'col'}, c)))),
            h('tbody', null, op.arguments.map(a => h('tr', null, h('td', {class: 'mono'}, a.name), h('td', null, a.type),
                h('td', null, a.required ? 'yes' : 'no'), h('td', {class: 'mono'}, a.default_value === null ? '—'
                    : JSON.stringify(a.default_value)), h('td', null, a.in))))) : h('p', {class: 'muted'}, 'No arguments.'),
        form, result);
}

/** Required arguments and those with a default, as a JSON object to edit. */
function skeleton(args) {
    const sample = {integer: 0, decimal: 0, boolean: false};
    return Object.fromEntries(args.filter(a => a.required || a.default_value !== null)
        .map(a => [a.name, a.default_value ?? sample[a.type] ?? '']));
}

async function invoke(name, operation, text, key, result) {
    try {
        JSON.parse(text || '{}');
    } catch (error) {
        throw new Error(`The arguments are not JSON: ${error.message}`);
    }
    const headers = key ? {'Idempotency-Key': key} : {};
    const started = performance.now();
    const response = await send('POST', `/integrations/${encodeURIComponent(name)}/operations/${encodeURIComponent(operation)}`,
        {body: text || '{}', headers});
    const type = response.headers.get('Content-Type') ?? '';
    const textual = !type || /json|text|xml/.test(type);
    const body = textual ? await response.text() : `${(await response.blob()).size} bytes of ${type}`;
    const took = Math.round(performance.now() - started);
    let detail = null;
    if (!response.ok && type.includes('problem+json')) {
        try {
            detail = JSON.parse(body).detail;
        } catch {
            detail = null;
        }
    }
    result.replaceChildren(h('div', {class: 'answer', 'data-test': 'answer'},
        h('p', null, h('strong', {'data-test': 'answer-status'}, `${response.status} ${response.statusText}`),
            h('span', {class: 'muted'}, ` in ${took} ms`)),
        detail ? problem({status: response.status, message: detail, problem: JSON.parse(body)}) : null,
        headerTable(CALL_HEADERS.filter(n => response.headers.has(n)).map(n => [n, response.headers.get(n)]), 'answer-headers'),
        h('pre', {class: 'body', 'data-test': 'answer-body', tabindex: '0'}, body ? pretty(body) : '(empty body)')));
}
