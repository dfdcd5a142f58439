/**
 * Formulation name → factory. Problems look formulations up here, so adding a
 * formulation is one file plus one line below (docs/architecture.md).
 */
import type { BranchFlowFormulationFactory, FormulationName } from './branchFlowFormulation.js';
import { createLinDistFlow } from './linDistFlow.js';
import { createSocpOuterApproximation } from './socpOuterApproximation.js';

/**
 * The factory of formulation `name`.
 *
 * @example
 * const factory = formulationFactory('lindistflow');
 */
export function formulationFactory(name: FormulationName): BranchFlowFormulationFactory {
  switch (name) {
    case 'socp':
      return createSocpOuterApproximation;
    case 'lindistflow':
      return createLinDistFlow;
  }
}
