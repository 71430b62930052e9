using System.Globalization;
using System.Resources;
using BatchCycle.Cycle;
using BatchCycle.Screening;

namespace BatchCycle.Certificates;

/// <summary>The Chinese script a holder reads, beside English, in its letters and on its certificate.</summary>
public enum HolderScript
{
    /// <summary>Simplified Chinese (<c>zh-Hans</c>): mainland holders, and the language of the guide.</summary>
    Simplified,

    /// <summary>Traditional Chinese as written in Hong Kong (<c>zh-Hant</c>): holders registered in Hong Kong.</summary>
    Traditional,
}

/// <summary>
/// Chooses a holder's script (docs/outputs.md "Languages": Traditional Chinese for holders registered in Hong Kong,
/// Simplified for mainland holders, each with English) and gives the texts a letter or certificate fills in.
/// </summary>
public static class HolderScripts
{
    private static readonly ResourceManager Texts = new("BatchCycle.Certificates.LetterTexts", typeof(HolderScripts).Assembly);

    /// <summary>
    /// A Hong Kong BR number (8 digits, or <c>H</c>+BR, docs/inputs.md) means Hong Kong, an 18-character USCC the
    /// mainland. Without either, M and E holders are Hong Kong companies by definition (guide 2.1, 2.2: the
    /// applicant holds a Hong Kong business registration); S and T holders get the guide's own script.
    /// </summary>
    public static HolderScript For(LabelType labelType, string? registrationNo)
    {
        var key = EntityName.IdKey(registrationNo);
        if (key is not null && EntityName.IsBrNumber(key))
        {
            return HolderScript.Traditional;
        }

        if (key is not null && EntityName.IsUscc(key))
        {
            return HolderScript.Simplified;
        }

        return LabelTypes.IsFactoryLabel(labelType) ? HolderScript.Traditional : HolderScript.Simplified;
    }

    /// <summary>The culture name of the script, as in the templates' file names: <c>zh-Hans</c> or <c>zh-Hant</c>.</summary>
    public static string CultureName(this HolderScript script) => script == HolderScript.Traditional ? "zh-Hant" : "zh-Hans";

    public static CultureInfo Culture(this HolderScript script) => CultureInfo.GetCultureInfo(script.CultureName());

    /// <summary>The label's Chinese name in the holder's script (guide 1.2).</summary>
    public static string LabelName(this HolderScript script, LabelType type) => Text("LabelName" + type, script.Culture());

    private static string Text(string key, CultureInfo culture) =>
        Texts.GetString(key, culture) ?? throw new InvalidOperationException($"The letter text {key} is missing from LetterTexts.resx.");
}
