// The console: a hash router over the views, the signed-in state and the header.
import {me, session, forget} from './api.js';
import {add, clear, h} from './dom.js';
import {problem} from './ui.js';
import {signIn} from './views/signin.js';
import {dashboard} from './views/dashboard.js';
import {integration} from './views/integration.js';
import {webhooks} from './views/webhooks.js';
import {webhook} from './views/webhook.js';
import {delivery} from './views/delivery.js';
import {deadLetters} from './views/deadletters.js';
import {events} from './views/events.js';

const routes = [
    [/^\/integrations$/, dashboard, 'integrations'],
    [/^\/integrations\/([^/]+)$/, integration, 'integrations'],
    [/^\/webhooks$/, webhooks, 'webhooks'],
    [/^\/webhooks\/([^/]+)$/, webhook, 'webhooks'],
    [/^\/deliveries\/([^/]+)$/, delivery, 'webhooks'],
    [/^\/dead-letters$/, deadLetters, 'dead-letters'],
    [/^\/events$/, events, 'events'],
];

const main = document.getElementById('main');
let leave = null;
let renders = 0;

async function render() {
    if (leave) leave();
    leave = null;
    const current = ++renders;
    // A view still loading when the next one starts must not keep polling: its cleanup runs as soon as it is known.
    const keep = cleanup => {
        if (current === renders) leave = cleanup;
        else if (cleanup) cleanup();
    };
    const path = decodeURIComponent(location.hash.replace(/^#/, '').split('?')[0]) || '/integrations';
    if (!session.token) {
        header(null);
        keep(await signIn(main, () => navigate('/integrations')));
        return;
    }
    let caller;
    try {
        caller = await me();
        if (current !== renders) return;
    } catch (error) {
        if (session.token) clear(main, problem(error)); // a 401 signed out, and the listener shows sign-in
        return;
    }
    header(caller);
    const route = routes.find(([pattern]) => pattern.test(path));
    if (!route) {
        clear(main, h('h1', null, 'Not found'), h('p', null, 'No such page. ', h('a', {href: '#/integrations'}, 'Integrations')));
        return;
    }
    const [pattern, view, section] = route;
    document.querySelectorAll('[data-nav]').forEach(link => link.setAttribute('aria-current',
        link.dataset.nav === section ? 'page' : 'false'));
    const params = path.match(pattern).slice(1);
    const page = h('div'); // each view writes into its own element, so a superseded one writes nowhere visible
    main.replaceChildren(page);
    try {
        keep(await view(page, params, caller, new URLSearchParams(location.hash.split('?')[1] ?? '')));
    } catch (error) {
        add(page, problem(error));
    }
    if (current === renders) page.querySelector('h1')?.focus();
}

function header(caller) {
    document.getElementById('nav').hidden = !caller;
    document.getElementById('who').hidden = !caller;
    if (caller) {
        document.getElementById('who-name').textContent = `${caller.subject} (${caller.roles.join(', ') || 'no roles'})`;
    }
}

export function navigate(path) {
    if (location.hash === `#${path}`) render();
    else location.hash = path;
}

document.getElementById('sign-out').addEventListener('click', () => {
    session.clear();
    forget();
    navigate('/integrations');
});
session.onExpired(() => render());
window.addEventListener('hashchange', render);
render();
