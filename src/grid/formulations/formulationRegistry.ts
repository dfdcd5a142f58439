/**
 * Formulation name → factory. Problems look formulations up here, so adding a
 * formulation is one file plus one line below (STYLE §2).
 */
import type { BranchFlowFormulationFactory, FormulationName } from './branchFlowFormulation.ts';
import { createLinDistFlow } from './linDistFlow.ts';
import { createSocpOuterApproximation } from './socpOuterApproximation.ts';

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
