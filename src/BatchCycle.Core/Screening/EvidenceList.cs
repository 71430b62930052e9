namespace BatchCycle.Screening;

/// <summary>
/// The evidence references of a requirement line written as one text — the Evidence column of requirements.csv,
/// of table RequirementResults and of the panel workbook — and read back. Written with "; "; read at each ';'
/// with the spaces around a reference dropped, so that a column someone tidied by hand still reads the same.
/// No reference contains ';' (ids, serials, certificate numbers), so what is read back is what screening gave.
/// </summary>
public static class EvidenceList
{
    public static string Join(IEnumerable<string> references) => string.Join("; ", references);

    public static IReadOnlyList<string> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
