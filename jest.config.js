// Jest for LWC (sfdx-lwc-jest preset). It tests the compiled .js, which is what deploys, not the .ts source.
'use strict';

const path = require('node:path');
const { jestConfig } = require('@salesforce/sfdx-lwc-jest/config');

const mocks = path.join(__dirname, 'jest-mocks');

module.exports = {
    ...jestConfig,
    // The preset resolves .ts before .js; put .js first so tests load the compiler output.
    moduleFileExtensions: ['js', 'html', 'ts'],
    moduleNameMapper: {
        // The preset's Voice Toolkit stub only has updateNextBestActions(); ours has every documented action.
        '^lightning/serviceCloudVoiceToolkitApi$': path.join(
            mocks,
            'lightning/serviceCloudVoiceToolkitApi/serviceCloudVoiceToolkitApi'
        ),
        // Real publish → subscribe delivery, so components can be tested talking to each other.
        '^lightning/messageService$': path.join(mocks, 'lightning/messageService.js'),
        '^lightning/navigation$': path.join(mocks, 'lightning/navigation.js')
    },
    setupFilesAfterEnv: [...(jestConfig.setupFilesAfterEnv ?? []), path.join(__dirname, 'jest-sa11y-setup.js')],
    roots: ['<rootDir>/force-app'],
    testTimeout: 10000,
    passWithNoTests: true,
    // .ts would count as 0 % covered: what runs (and deploys) is the .js beside it.
    collectCoverageFrom: ['force-app/**/lwc/**/*.js', '!**/__tests__/**'],
    coverageDirectory: '<rootDir>/coverage/lwc',
    coverageReporters: ['text-summary', 'lcov'],
    coverageThreshold: {
        global: { statements: 90, branches: 85, functions: 90, lines: 90 }
    }
};
