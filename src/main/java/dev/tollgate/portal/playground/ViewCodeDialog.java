package dev.tollgate.portal.playground;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinServletRequest;
import dev.tollgate.provider.ChatMessage;
import dev.tollgate.provider.ContentPart;
import dev.tollgate.provider.TextPart;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The current conversation as a ready-to-run API call in curl, Python and Node, for this deployment's URL. Long lines
 * wrap inside the dialog; "Copy" puts the shown snippet on the clipboard (in the browser, as Vaadin has no clipboard
 * API of its own).
 */
final class ViewCodeDialog extends Dialog {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    ViewCodeDialog(PlaygroundSettings.Snapshot settings, List<ChatMessage> history, String baseUrl) {
        setHeaderTitle("Call this from your code");
        List<Map<String, Object>> messages = messages(settings, history);
        List<String> snippets = List.of(
                curl(settings, messages, baseUrl),
                python(settings, messages, baseUrl),
                node(settings, messages, baseUrl));
        TabSheet tabs = new TabSheet();
        tabs.add("curl", block(snippets.get(0)));
        tabs.add("Python", block(snippets.get(1)));
        tabs.add("Node", block(snippets.get(2)));
        tabs.setWidthFull();
        add(tabs);
        Button copy = new Button("Copy", VaadinIcon.COPY.create());
        copy.setId("view-code-copy");
        copy.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        copy.addClickListener(e -> copy.getElement()
                .executeJs("return navigator.clipboard.writeText($0)", snippets.get(tabs.getSelectedIndex()))
                .then(copied -> copy.setText("Copied"), failed -> copy.setText("Select the code to copy it")));
        tabs.addSelectedChangeListener(e -> copy.setText("Copy"));
        getFooter().add(new Button("Close", e -> close()), copy);
        setWidth("52rem");
        setMaxWidth("100%");
        addClassName("view-code-dialog");
    }

    /** Where clients reach this deployment: the scheme, host and port the browser used. */
    static String baseUrl() {
        VaadinRequest request = VaadinRequest.getCurrent();
        if (request instanceof VaadinServletRequest servlet) {
            return ServletUriComponentsBuilder.fromContextPath(servlet.getHttpServletRequest())
                    .toUriString();
        }
        return "http://localhost:8080";
    }

    private static Pre block(String code) {
        Pre pre = new Pre(code);
        pre.addClassName("code-block");
        return pre;
    }

    private static List<Map<String, Object>> messages(PlaygroundSettings.Snapshot settings, List<ChatMessage> history) {
        List<Map<String, Object>> messages = new ArrayList<>();
        if (settings.systemText() != null) {
            messages.add(message("system", settings.systemText()));
        }
        for (ChatMessage message : history) {
            StringBuilder text = new StringBuilder();
            for (ContentPart part : message.parts()) {
                if (part instanceof TextPart textPart) {
                    text.append(textPart.text());
                }
            }
            messages.add(message(message.role() == ChatMessage.Role.USER ? "user" : "assistant", text.toString()));
        }
        if (messages.isEmpty() || messages.getLast().get("role").equals("system")) {
            messages.add(message("user", "Hello!"));
        }
        return messages;
    }

    /** Role first, then content, as people write them. */
    private static Map<String, Object> message(String role, String content) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("role", role);
        message.put("content", content);
        return message;
    }

    private static String curl(PlaygroundSettings.Snapshot settings, List<Map<String, Object>> messages, String base) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", settings.model().id().value());
        body.put("messages", messages);
        body.put("max_tokens", settings.maxTokens());
        if (settings.temperature() != null) {
            body.put("temperature", settings.temperature());
        }
        body.put("stream", true);
        String json =
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(body).replace("'", "'\\''");
        return "curl " + base + "/v1/chat/completions \\\n"
                + "  -H \"Authorization: Bearer $TOLLGATE_API_KEY\" \\\n"
                + "  -H \"Content-Type: application/json\" \\\n"
                + "  -d '" + json + "'";
    }

    private static String python(
            PlaygroundSettings.Snapshot settings, List<Map<String, Object>> messages, String base) {
        return "import os\nfrom openai import OpenAI\n\n"
                + "client = OpenAI(api_key=os.environ[\"TOLLGATE_API_KEY\"], base_url=\"" + base + "/v1\")\n\n"
                + "stream = client.chat.completions.create(\n"
                + "    model=\"" + settings.model().id().value() + "\",\n"
                + "    messages=" + JSON.writeValueAsString(messages) + ",\n"
                + "    max_tokens=" + settings.maxTokens() + ",\n"
                + (settings.temperature() == null ? "" : "    temperature=" + settings.temperature() + ",\n")
                + "    stream=True,\n)\n"
                + "for chunk in stream:\n    if chunk.choices:\n        print(chunk.choices[0].delta.content or \"\", end=\"\")\n";
    }

    private static String node(PlaygroundSettings.Snapshot settings, List<Map<String, Object>> messages, String base) {
        return "import OpenAI from \"openai\";\n\n"
                + "const client = new OpenAI({ apiKey: process.env.TOLLGATE_API_KEY, baseURL: \"" + base
                + "/v1\" });\n\n"
                + "const stream = await client.chat.completions.create({\n"
                + "  model: \"" + settings.model().id().value() + "\",\n"
                + "  messages: " + JSON.writeValueAsString(messages) + ",\n"
                + "  max_tokens: " + settings.maxTokens() + ",\n"
                + (settings.temperature() == null ? "" : "  temperature: " + settings.temperature() + ",\n")
                + "  stream: true,\n});\n"
                + "for await (const chunk of stream) {\n  process.stdout.write(chunk.choices[0]?.delta?.content ?? \"\");\n}\n";
    }
}
