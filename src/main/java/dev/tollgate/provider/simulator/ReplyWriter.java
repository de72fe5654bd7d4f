package dev.tollgate.provider.simulator;

import dev.tollgate.provider.ChatRequest;
import dev.tollgate.provider.StructuredOutput;
import dev.tollgate.provider.ToolChoice;
import dev.tollgate.provider.ToolDefinition;
import dev.tollgate.provider.ToolResultPart;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import tools.jackson.databind.JsonNode;

/**
 * Decides the simulated model's answer from the conversation: a tool call when one is due (running the command the
 * user quotes, when the tool takes commands), an answer to pending tool
 * results, JSON when the caller asks for it ({@link StructuredReply}), the dictated words of a "Say exactly: X" prompt
 * (in a system turn after the latest user message, else in that message), or else prose about the latest user
 * message.
 *
 * <p>It reads as much of the latest user message as a reply could repeat, and looks for keywords, numbers and tool
 * names in its first {@value #READ_FOR_WORDS} characters; what it writes is never much longer than the reply's
 * {@link ReplyLimit} lets through. Neither depends on {@code maxTokens} except through that limit, so a lower
 * {@code maxTokens} still cuts the same reply short.
 */
final class ReplyWriter {

    private static final int READ_FOR_WORDS = 100_000;

    private static final String ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int ID_LENGTH = 24;

    private final ProseWriter prose;

    ReplyWriter(ProseWriter prose) {
        this.prose = prose;
    }

    Reply write(ChatRequest request, RandomGenerator random) {
        ReplyLimit limit = ReplyLimit.of(request);
        Conversation conversation = new Conversation(request.messages());
        String userText = conversation.lastUserText(ReplyLimit.MOST_CHARACTERS);
        String opening = userText.substring(0, Math.min(userText.length(), READ_FOR_WORDS));
        Keywords keywords = Keywords.of(opening);
        // a system turn after the question instructs the reply, so its dictation outranks the caller's
        String instructions = conversation.instructionsSinceLastUser(ReplyLimit.MOST_CHARACTERS);
        Optional<String> dictated = VerbatimInstruction.in(instructions).or(() -> VerbatimInstruction.in(userText));
        // a dictated reply is the answer unless the caller requires a call: a tool named beside the dictation (as
        // in the reminders Claude Code adds to the user turn) does not ask for one
        Optional<String> command = QuotedCommand.in(opening);
        Optional<ToolDefinition> tool =
                dictated.isPresent() && request.toolChoice().mode() == ToolChoice.Mode.AUTO
                        ? Optional.empty()
                        : ToolSelection.choose(request, conversation, opening, command.isPresent());
        if (tool.isPresent()) {
            // their own generator, so that arguments cut short by a lower limit leave the call id as it was
            RandomGenerator forArguments = new SplittableRandom(random.nextLong());
            JsonNode schema = tool.get().parameters();
            Optional<CommandParameter> takesCommand = command.flatMap(_ -> CommandParameter.of(tool.get()));
            String arguments = takesCommand.isPresent()
                    ? ArgumentsWriter.writeCommand(
                            schema,
                            takesCommand.get(),
                            command.get(),
                            keywords,
                            opening,
                            forArguments,
                            limit.characters())
                    : ArgumentsWriter.write(schema, keywords, opening, forArguments, limit.characters());
            return new Reply.ToolCall(toolCallId(random), tool.get().name(), arguments);
        }
        Optional<StructuredOutput> structured = StructuredOutput.of(request.extras());
        if (structured.isPresent()) {
            String prose = this.prose.write(keywords, conversation.lastMessageHasImage(), random);
            return new Reply.Text(
                    StructuredReply.write(structured.get(), prose, keywords, opening, random, limit.characters()));
        }
        List<ToolResultPart> results = conversation.pendingToolResults();
        if (!results.isEmpty()) {
            return new Reply.Text(ToolResultAnswer.write(conversation, results, keywords, random, limit.characters()));
        }
        return new Reply.Text(
                dictated.orElseGet(() -> prose.write(keywords, conversation.lastMessageHasImage(), random)));
    }

    private static String toolCallId(RandomGenerator random) {
        StringBuilder id = new StringBuilder("call_");
        for (int i = 0; i < ID_LENGTH; i++) {
            id.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }
}
