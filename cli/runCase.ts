// A reference-format case with every output computed by the app's engine (reference/README.md).

import { ACTIVATIONS } from '../src/core/activations';
import { kernelFn } from '../src/core/kernels';
import { fromRows, toRows } from '../src/core/linalg/matrix';
import { computeDynamicsOutputs, parseCase } from '../src/formats/referenceCases';

/** Validate the case (one-line errors naming the field) and return the complete case. */
export function runCase(json: unknown): Record<string, unknown> {
  const input = parseCase(json);
  const xTrain = fromRows(input.x_train);
  const xTest = fromRows(input.x_test);
  const trainTrain = kernelFn(input.arch, xTrain, xTrain);
  const testTrain = kernelFn(input.arch, xTest, xTrain);
  const testTest = kernelFn(input.arch, xTest, xTest);
  const kernels = {
    train_train: trainTrain,
    test_train: testTrain,
    test_test: testTest,
  };
  const dynamics = computeDynamicsOutputs(input, kernels);
  const pair = (p: typeof trainTrain) => ({ nngp: toRows(p.nngp), ntk: toRows(p.ntk) });
  const { config, x_train, y_train, x_test } = input;
  return {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.description !== undefined ? { description: input.description } : {}),
    config,
    x_train,
    y_train,
    x_test,
    kernels: {
      train_train: pair(trainTrain),
      test_train: pair(testTrain),
      test_test: pair(testTest),
    },
    dynamics: { ...dynamics, modes: input.dynamics.modes },
    kernel_method: ACTIVATIONS[input.arch.activation].kernel,
  };
}
