// Apex parsing shared by the syntax step and the schema reference check.
import { readFileSync } from 'node:fs';
import { ApexErrorListener, ApexParserFactory } from '@apexdevtools/apex-parser';
import { sourceFiles } from './project.mjs';

/** Apex classes and triggers of the project. */
export const apexFiles = (root) => sourceFiles(root, (f) => /\.(cls|trigger)$/.test(f));

/**
 * Parses one Apex file; syntax errors are collected, never thrown.
 * @returns {{ tree: any, errors: { line: number, column: number, message: string }[], text: string }}
 */
export function parseApexFile(file) {
    const text = readFileSync(file, 'utf8');
    const errors = [];
    class Collector extends ApexErrorListener {
        apexSyntaxError(line, column, message) {
            errors.push({ line, column: column + 1, message });
        }
    }
    const { parser } = ApexParserFactory.createLexerAndParser(text, new Collector());
    const tree = file.endsWith('.trigger') ? parser.triggerUnit() : parser.compilationUnit();
    return { tree, errors, text };
}
