export * from './span.ts';
export * from './errors.ts';
export * from './document.ts';
export * from './contract.ts';
export * from './context.ts';
