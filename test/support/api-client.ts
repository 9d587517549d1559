import type { Response } from 'supertest';
import type { TestApp } from './test-app';

/**
 * Requests to the test app's API that fail loudly on an unexpected status:
 * cases as its unit head (anna.utredare), statistics and reports as the department.
 */
export function apiClient(app: () => TestApp) {
  const post = async (path: string, body: object, status = 200): Promise<Response> => {
    const res = await app().http.post(`/api${path}`).send(body);
    if (res.status !== status)
      throw new Error(`${path}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  };
  const get = async (path: string): Promise<Response> => {
    const agent = /^\/(statistics|reports)\//.test(path) ? await app().as('dept.stat', 'department', []) : app().http;
    const res = await agent.get(`/api${path}`);
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  };
  return { post, get };
}
