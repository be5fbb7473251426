// How a cell of the document model is printed in DOCX and PDF (XLSX keeps numbers as numbers): the
// model's one rule, which the templates' data uses too.
export { printCell } from '../../reports/model';
