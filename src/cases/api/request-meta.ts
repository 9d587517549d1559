/** The request's meta and a command's answer live in the application layer, where other features' edges reach them too. */
export { ETAG_HEADER, requestMeta, sendAnswer } from '../application/request-meta';
