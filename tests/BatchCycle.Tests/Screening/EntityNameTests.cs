using BatchCycle.Screening;

namespace BatchCycle.Tests.Screening;

public sealed class EntityNameTests
{
    [Theory]
    [InlineData("东莞明达五金制品有限公司", "东莞明达五金制品")]
    [InlineData("東莞明達五金製品有限公司", "东莞明达五金制品")]
    [InlineData("東莞明達五金製品廠", "东莞明达五金制品")]
    [InlineData("东莞明达五金制品股份有限公司", "东莞明达五金制品")]
    [InlineData("东莞明达五金制品有限责任公司", "东莞明达五金制品")]
    [InlineData("东莞 明达五金制品（有限公司）", "东莞明达五金制品")]
    [InlineData("Ming Tat Industrial Limited", "mingtatindustrial")]
    [InlineData("MING TAT INDUSTRIAL CO., LTD.", "mingtatindustrial")]
    [InlineData("Ｍｉｎｇ　Ｔａｔ　Ｉｎｄｕｓｔｒｉａｌ Co. Ltd", "mingtatindustrial")]
    [InlineData("Ming-Tat Industrial Company Limited", "mingtatindustrial")]
    [InlineData("Ming Tat Industrial Corp.", "mingtatindustrial")]
    [InlineData("Ming Tat Industrial Inc", "mingtatindustrial")]
    [InlineData("Megacorp", "megacorp")]
    public void Names_are_compared_folded_and_without_company_suffixes(string name, string normalised) =>
        Assert.Equal(normalised, EntityName.Normalise(name));

    [Theory]
    [InlineData("H12345678", "12345678")]
    [InlineData("12345678", "12345678")]
    [InlineData("h12345678 ", "12345678")]
    [InlineData("12345678-000-05-25-A", "12345678")]
    [InlineData("91440300MA5F000001", "91440300MA5F000001")]
    [InlineData("H1234567", "H1234567")]
    [InlineData("  ", null)]
    public void Identifiers_of_one_entity_share_a_key(string id, string? key) =>
        Assert.Equal(key, EntityName.IdKey(id));
}
