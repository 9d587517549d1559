export const APP_CONFIG = Symbol('APP_CONFIG');
export const LOGGER = Symbol('LOGGER');
export const READ_MODEL_DB = Symbol('READ_MODEL_DB');
/** The read-model file's background checkpoints (null for an in-memory file). */
export const READ_MODEL_CHECKPOINTS = Symbol('READ_MODEL_CHECKPOINTS');
export const UPCASTERS = Symbol('UPCASTERS');
export const DATA_KEY_STORE = Symbol('DATA_KEY_STORE');
