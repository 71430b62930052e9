using BatchCycle.Import;

namespace BatchCycle.Tests.Import;

public sealed class UsccTests
{
    [Theory]
    [InlineData("91350100M000100Y43")]
    [InlineData("91440300MA5ELPB95W")]
    public void Real_codes_are_valid_and_their_last_character_is_the_computed_check(string code)
    {
        Assert.True(Uscc.IsValid(code));
        Assert.Equal(code[17], Uscc.CheckCharacter(code[..17]));
    }

    [Theory]
    [InlineData("91350100M000100Y44")] // a real code with a wrong check character
    [InlineData("91440300MA5ELPB95X")]
    [InlineData("91350100M000100Y4")] // 17 characters
    [InlineData("91350100M000100Y433")] // 19 characters
    [InlineData("91350100m000100Y43")] // not normalised to upper case
    [InlineData("9135010OM000100Y43")] // O is not in the code alphabet
    [InlineData("")]
    public void Codes_that_are_not_18_alphabet_characters_with_the_right_check_are_invalid(string code) =>
        Assert.False(Uscc.IsValid(code));

    [Fact]
    public void A_weighted_sum_divisible_by_31_gives_check_character_0_not_31() =>
        Assert.Equal('0', Uscc.CheckCharacter("00000000000000000"));

    [Theory]
    [InlineData("9135010")]
    [InlineData("91350100I000100Y4")]
    public void Computing_a_check_from_a_wrong_argument_is_a_bug_and_throws(string first17) =>
        Assert.Throws<ArgumentException>(() => Uscc.CheckCharacter(first17));
}
