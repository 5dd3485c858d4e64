// Stands in for `@salesforce/gate/bc.260.enableComboboxElementInternals`, a Salesforce release gate that
// lightning-base-components reads. The package's own stub opens every gate; open, this one makes lightning-combobox
// call attachInternals(), which synthetic shadow does not support (tooling.md §10, trap 3). Closed, as in orgs
// that run the combobox without it.
export default { isOpen: (): boolean => false };
