import { clientIpOf, handleApplicationsRequest } from './lib/api.ts';

/**
 * The JSON intake API as a Netlify Function (v2). All request handling is in lib/api.ts;
 * README.md ("JSON API") documents the endpoints.
 */
export default async (req: Request, context?: { ip?: string }) =>
  handleApplicationsRequest(req, { clientIp: clientIpOf(req, context) });

export const config = {
  path: ['/api/v1/applications', '/api/v1/applications/:reference'],
};
