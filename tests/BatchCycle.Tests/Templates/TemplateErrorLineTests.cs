using BatchCycle.Templates;

namespace BatchCycle.Tests.Templates;

public sealed class TemplateErrorLineTests
{
    [Theory]
    [InlineData("a\nb {{name\nc", "Reached end of template before expression was closed", 2)]
    [InlineData("a\nb\nc", "Unexpected token. Occured at: 3:4", 3)]
    [InlineData("{{#if x}}\n{{/each}}\n", "block mismatch", 2)]
    [InlineData("{{#if x}}\nopen\n", "unclosed block", 1)]
    [InlineData("{{!-- {{#if}} quoted in a comment --}}\n{{#each items}}\n{{/if}}\n", "block mismatch", 3)]
    [InlineData("{{#if}}\n{{/if}}\n", "if needs an argument", 1)]
    [InlineData("Dear {{holder}}\n{{serail}}\n", "serail is undefined", 2)]
    [InlineData("Dear {{holder}}\n", "something else went wrong", null)]
    public void The_line_named_is_where_the_mistake_is(string source, string message, int? line) =>
        Assert.Equal(line, TemplateErrorLine.Find(source, message));
}
