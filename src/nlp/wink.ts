import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

type Wink = ReturnType<typeof winkNLP>;
let instance: Wink | null = null;

/** The shared wink-nlp instance (sentence boundaries and POS only), loaded on first use. */
export function wink(): Wink {
  if (!instance) instance = winkNLP(model, ['sbd', 'pos']);
  return instance;
}
