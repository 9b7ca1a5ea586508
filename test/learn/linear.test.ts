/** The learned-model helpers of src/learn/linear.ts: the mean of several trained models. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LinearModel, PerceptronTrainer, WeightMean } from '../../src/learn/linear.ts';

const model = (bits: number, weights: Record<number, number>) => {
  const m = new LinearModel(bits);
  for (const [i, w] of Object.entries(weights)) m.weights[Number(i)] = w;
  return m;
};

test('WeightMean gives the mean of the models weight by weight', () => {
  const mean = new WeightMean();
  mean.add(model(4, { 0: 1, 3: -2, 7: 0.5 }));
  mean.add(model(4, { 0: 3, 7: 1.5, 9: 4 }));
  const out = mean.mean(new LinearModel(4));
  assert.deepEqual([...out.weights.slice(0, 10)], [2, 0, 0, -1, 0, 0, 0, 1, 0, 2]);
  // so a mean model scores any features as the models' scores averaged
  assert.equal(out.score([0, 7, 9]), ((1 + 0.5) + (3 + 1.5 + 4)) / 2);
});

test('WeightMean of one model is that model, and reads 16-bit weights at their scale', () => {
  const trainer = new PerceptronTrainer(4);
  trainer.update([1, 2], 1); trainer.tick(); trainer.update([2, 5], -1); trainer.tick();
  const trained = trainer.finalise();
  const one = new WeightMean();
  one.add(trained);
  assert.deepEqual([...one.mean(new LinearModel(4)).weights], [...trained.weights]);

  const quantised = LinearModel.deserialise(model(4, { 1: 0.25, 2: -1 }).serialise(), { quantise: true });
  const fromQuantised = new WeightMean();
  fromQuantised.add(quantised);
  const back = fromQuantised.mean(new LinearModel(4)).weights;
  assert.ok(Math.abs(back[1] - 0.25) < 1e-4 && Math.abs(back[2] + 1) < 1e-4);
});

test('WeightMean refuses models of different sizes, an empty mean and a 16-bit target', () => {
  const mean = new WeightMean();
  assert.throws(() => mean.mean(new LinearModel(4)), /no model added/);
  mean.add(new LinearModel(4));
  assert.throws(() => mean.add(new LinearModel(5)), /a model of 32 weights among models of 16/);
  assert.throws(() => mean.mean(new LinearModel(5)), /float model of 16 weights/);
  const int16 = LinearModel.deserialise(new LinearModel(4).serialise(), { quantise: true });
  assert.throws(() => mean.mean(int16), /float model of 16 weights/);
});
