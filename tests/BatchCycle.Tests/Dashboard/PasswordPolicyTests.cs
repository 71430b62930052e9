using BatchCycle.Dashboard.Accounts;

namespace BatchCycle.Tests.Dashboard;

public sealed class PasswordPolicyTests
{
    [Theory]
    [InlineData("alice", "short pass", "at least 12 characters")]
    [InlineData("alice", "11111111111111", "one character repeated")]
    [InlineData("alice", "            ", "one character repeated")]
    [InlineData("alice.chan.hk", "Alice.Chan.HK", "the user name")]
    [InlineData("alice", "password1234", "common passwords")]
    [InlineData("alice", "Password1234", "common passwords")]
    [InlineData("alice", "123456789012", "common passwords")]
    [InlineData("alice", "qwertyuiop12", "common passwords")]
    [InlineData("alice", "1qaz2wsx3edc", "common passwords")]
    [InlineData("alice", "woaini5201314", "common passwords")]
    [InlineData("alice", "P@ssw0rd1234", "common passwords")]
    [InlineData("alice", "iloveyou2025", "common passwords")]
    [InlineData("alice", "guangdong2025", "common passwords")]
    [InlineData("alice", "correct horse battery staple", null)]
    [InlineData("alice", "清洁生产伙伴标志计划二零二五", null)]
    [InlineData("alice", "Tram-Peak-Lantau-47", null)]
    public void Passwords_are_refused_for_length_repetition_the_user_name_and_commonness(string userName, string password, string? problem)
    {
        var refusal = PasswordPolicy.Problem(userName, password);

        if (problem is null)
        {
            Assert.Null(refusal);
        }
        else
        {
            Assert.NotNull(refusal);
            Assert.Contains(problem, refusal);
        }
    }
}
