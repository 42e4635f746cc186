// The JAX-RS API with the signed-in bearer token. Errors are ApiError with the problem+json detail as message.

const KEY = 'codeai.console.token';
const listeners = new Set();

/** An answer that was not 2xx: status, the problem document (RFC 9457) and its detail as the message. */
export class ApiError extends Error {
    constructor(status, problem) {
        super(problem.detail || problem.title || `The server answered ${status}.`);
        this.status = status;
        this.problem = problem;
    }
}

export const session = {
    get token() {
        return sessionStorage.getItem(KEY);
    },
    set(token) {
        sessionStorage.setItem(KEY, token);
    },
    clear() {
        sessionStorage.removeItem(KEY);
        listeners.forEach(listener => listener());
    },
    /** Called when a request answers 401: the token expired or was revoked. */
    onExpired(listener) {
        listeners.add(listener);
    },
};

/** The API's URL: the console lives at <root>/console/, the API at <root>/. */
export function url(path) {
    return new URL(`../${path.replace(/^\//, '')}`, document.baseURI).toString();
}

/** The raw Response of a request (for "try it", which shows status and headers). */
export async function send(method, path, {body, headers = {}, token = session.token} = {}) {
    const all = {Accept: 'application/json, application/problem+json', ...headers};
    if (token) all.Authorization = `Bearer ${token}`;
    if (body !== undefined && !all['Content-Type']) all['Content-Type'] = 'application/json';
    const payload = body === undefined || typeof body === 'string' ? body : JSON.stringify(body);
    try {
        return await fetch(url(path), {method, headers: all, body: payload, cache: 'no-store'});
    } catch {
        throw new Error('The server did not answer: it may be down or restarting. Try again in a moment.');
    }
}

/** The JSON answer of a request; throws ApiError for any other status than 2xx. */
export async function api(method, path, body, options = {}) {
    const response = await send(method, path, {...options, body});
    const text = await response.text();
    const data = parse(text);
    if (!response.ok) {
        if (response.status === 401 && !options.token && session.token) session.clear();
        throw new ApiError(response.status, typeof data === 'object' && data ? data : {detail: text || response.statusText});
    }
    return data;
}

export const get = (path, options) => api('GET', path, undefined, options);
export const post = (path, body, options) => api('POST', path, body ?? {}, options);
export const put = (path, body) => api('PUT', path, body);
export const del = path => api('DELETE', path);

function parse(text) {
    if (!text) return null;
    try {
        return JSON.parse(text);
    } catch {
        return text;
    }
}

/** The caller's roles and allowed actions (GET /me), cached until sign-out. */
let caller = null;
export async function me(refresh = false) {
    if (!caller || refresh) caller = await get('/me');
    return caller;
}
session.onExpired(() => {
    caller = null;
});
export function forget() {
    caller = null;
}
