// lightning/navigation double: NavigationMixin records every navigation in `navigateMock`.
import { createTestWireAdapter } from '@salesforce/wire-service-jest-util';

export const CurrentPageReference = createTestWireAdapter(jest.fn());
export const navigateMock = jest.fn();

const Navigate = Symbol('Navigate');
const GenerateUrl = Symbol('GenerateUrl');

export const NavigationMixin = (Base) =>
    class extends Base {
        [Navigate](pageReference, replace) {
            navigateMock(pageReference, replace);
        }
        [GenerateUrl](pageReference) {
            return Promise.resolve(`/lightning/r/${pageReference?.attributes?.recordId ?? ''}/view`);
        }
    };
NavigationMixin.Navigate = Navigate;
NavigationMixin.GenerateUrl = GenerateUrl;
