namespace AuditHarness.Core.Specs.Validation;

/// <summary>
/// One problem found in an audit spec or policy. <see cref="Message"/> is a complete line that names the
/// file and the field and says what was expected, so a host can print it as it is. A critical error stops
/// the audit; a non-critical one is a warning worth showing.
/// </summary>
/// <param name="IsCritical">True when the audit cannot run with this input.</param>
/// <param name="Field">The JSON path of the field, e.g. <c>masking.method</c> or <c>models[1].path</c>.</param>
/// <param name="Message">One line: <c>file: field ... expected ...</c>.</param>
public sealed record ValidationError(bool IsCritical, string Field, string Message)
{
    public override string ToString() => Message;
}
