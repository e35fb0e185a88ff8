using OpsCopilot.Data.Conversations.Understanding;

namespace OpsCopilot.Tests.Understanding;

/// <summary>
/// The readers of one message all split the same string: the tokenizer answers the same instance again from what it
/// split last, and anything else afresh. Sharing is safe because what it hands out cannot be changed.
/// </summary>
public sealed class MessageTokenizerTests
{
    [Fact]
    public void The_same_message_is_split_once_and_an_equal_other_string_gets_its_own_equal_words()
    {
        var message = string.Concat("LKW W-1234 hat ", "Bremsenproblem");
        var first = MessageTokenizer.Tokenize(message);
        var again = MessageTokenizer.Tokenize(message);
        var equalText = new string(message.AsSpan());
        var other = MessageTokenizer.Tokenize(equalText);

        again.ShouldBeSameAs(first);
        other.ShouldNotBeSameAs(first);
        other.Select(t => t.Folded).ShouldBe(first.Select(t => t.Folded));
        first.Select(t => t.Text).ShouldBe(["LKW", "W", "1234", "hat", "Bremsenproblem"]);
        first.ShouldNotBeAssignableTo<List<MessageToken>>("a caller cannot change the shared words");
    }

    [Fact]
    public void Another_text_in_between_is_split_on_its_own()
    {
        var message = string.Concat("Ticket ", "#42 Status?");
        var words = MessageTokenizer.Tokenize(message);
        var between = MessageTokenizer.Tokenize(string.Concat("CONFIRM", ""));

        between.Select(t => t.Text).ShouldBe(["CONFIRM"]);
        MessageTokenizer.Tokenize(message).Select(t => t.Text).ShouldBe(words.Select(t => t.Text));
    }
}
