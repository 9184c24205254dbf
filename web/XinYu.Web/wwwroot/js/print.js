// The answer-code sheet's print button (a module file: the Content-Security-Policy allows no inline script).
export function printPage() {
    window.print();
}
