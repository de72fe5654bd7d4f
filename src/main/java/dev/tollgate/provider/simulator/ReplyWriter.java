package dev.tollgate.provider.simulator;

import dev.tollgate.provider.ChatRequest;
import dev.tollgate.provider.ToolDefinition;
import dev.tollgate.provider.ToolResultPart;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Decides the simulated model's answer from the conversation: a tool call when one is due, an answer to pending tool
 * results, the dictated words of a "Say exactly: X" prompt, or else prose about the latest user message.
 */
final class ReplyWriter {

    private static final String ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int ID_LENGTH = 24;

    private final ProseWriter prose;

    ReplyWriter(ProseWriter prose) {
        this.prose = prose;
    }

    Reply write(ChatRequest request, RandomGenerator random) {
        Conversation conversation = new Conversation(request.messages());
        String userText = conversation.lastUserText();
        Keywords keywords = Keywords.of(userText);
        Optional<ToolDefinition> tool = ToolSelection.choose(request, conversation);
        if (tool.isPresent()) {
            String arguments = ArgumentsWriter.write(tool.get().parameters(), keywords, userText, random);
            return new Reply.ToolCall(toolCallId(random), tool.get().name(), arguments);
        }
        List<ToolResultPart> results = conversation.pendingToolResults();
        if (!results.isEmpty()) {
            return new Reply.Text(ToolResultAnswer.write(conversation, results, keywords, random));
        }
        return new Reply.Text(VerbatimInstruction.in(userText)
                .orElseGet(() -> prose.write(keywords, conversation.lastMessageHasImage(), random)));
    }

    private static String toolCallId(RandomGenerator random) {
        StringBuilder id = new StringBuilder("call_");
        for (int i = 0; i < ID_LENGTH; i++) {
            id.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }
}
