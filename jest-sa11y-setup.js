// Accessibility matcher for every LWC test: `await expect(element).toBeAccessible()` runs axe with sa11y's rules.
'use strict';

const { registerSa11yMatcher } = require('@sa11y/jest');

registerSa11yMatcher();
