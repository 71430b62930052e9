using BatchCycle.Import;

namespace BatchCycle.Tests.Import;

public sealed class UsccTests
{
    [Theory]
    [InlineData("91350100M000100Y43")]
    public void Codes_with_the_right_check_character_are_valid(string code) => Assert.True(Uscc.IsValid(code));

    [Theory]
    [InlineData("91350100M000100Y44", "wrong check character")]
    [InlineData("91350100M000100Y4", "17 characters")]
    [InlineData("91350100M000100Y433", "19 characters")]
    [InlineData("91350100m000100Y43", "lower case (normalised before checking, not here)")]
    [InlineData("9135010OM000100Y43", "O is not in the alphabet")]
    public void Other_codes_are_not(string code, string why) => Assert.False(Uscc.IsValid(code), why);

    [Theory]
    [InlineData("91350100M000100Y4", '3')]
    [InlineData("00000000000000000", '0')]
    [InlineData("10000000000000000", 'Y')]
    public void The_check_character_is_31_minus_the_weighted_sum_modulo_31(string first17, char expected) =>
        Assert.Equal(expected, Uscc.CheckCharacter(first17));

    [Fact]
    public void A_check_character_needs_17_characters_of_the_alphabet()
    {
        Assert.Throws<ArgumentException>(() => Uscc.CheckCharacter("123"));
        Assert.Throws<ArgumentException>(() => Uscc.CheckCharacter("9135010IM000100Y4"));
    }
}
