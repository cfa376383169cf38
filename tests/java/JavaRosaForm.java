// Runs one XForm (written by pyxform from a test's XLSForm) in JavaRosa, through the same
// Scenario API JavaRosa's own repeat tests use, for tests/core/test_repeats_javarosa.py.
// Commands on stdin, one per line, tab-separated; one output line per query:
//   answer PATH VALUE   answer a question (the value cast to its type as JavaRosa reads a saved form)
//   add PATH            add an instance at the end of a repeat (PATH without its index)
//   remove PATH         remove the repeat instance PATH
//   walk                reopen the form as saved (all calculations run) and page through it
//                       (JavaRosa adds counted instances then)
//   get PATH            -> "val\tTEXT", "null\t" or "error\tException"
//   relevant PATH       -> "val\ttrue|false"
//   count PATH          -> "val\tN" (instances of a repeat)
// Tests only: fieldapp never runs Java (docs/decisions/0004-pyxform-reader.md).
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.TimeZone;

import org.javarosa.core.model.data.AnswerDataFactory;
import org.javarosa.core.model.data.IAnswerData;
import org.javarosa.core.model.data.UncastData;
import org.javarosa.core.model.instance.TreeElement;
import org.javarosa.form.api.FormEntryController;
import org.javarosa.test.Scenario;

public class JavaRosaForm {
    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    public static void main(String[] args) throws Exception {
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
        Scenario scenario = Scenario.init(new File(args[0]));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        StringBuilder out = new StringBuilder();
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("\t", -1);
            String cmd = parts[0];
            try {
                if (cmd.equals("answer")) {
                    scenario.answer(parts[1], "");  // moves to the question, creating instances
                    TreeElement node = scenario.getAnswerNode(parts[1]);
                    IAnswerData data = parts[2].isEmpty() ? null : AnswerDataFactory
                        .templateByDataType(node.getDataType()).cast(new UncastData(parts[2]));
                    scenario.getFormEntryController().answerQuestion(
                        scenario.getFormEntryController().getModel().getFormIndex(), data, true);
                } else if (cmd.equals("add")) {
                    scenario.createNewRepeat(parts[1]);
                } else if (cmd.equals("remove")) {
                    scenario.removeRepeat(parts[1]);
                } else if (cmd.equals("walk")) {
                    // as Collect reopens a saved form: every calculation and relevance evaluated
                    // over the whole instance (the live DAG updates only what a change triggers)
                    scenario.init(false);
                    scenario.jumpToBeginningOfForm();
                    while (scenario.next() != FormEntryController.EVENT_END_OF_FORM) {
                        // counted repeats get their instances as the walk reaches them
                    }
                } else if (cmd.equals("get")) {
                    IAnswerData value = scenario.answerOf(parts[1]);
                    out.append(value == null ? "null\t" : "val\t" + escape(value.uncast().getString())).append('\n');
                } else if (cmd.equals("relevant")) {
                    TreeElement node = scenario.getAnswerNode(parts[1]);
                    out.append("val\t").append(node.isRelevant()).append('\n');
                } else if (cmd.equals("count")) {
                    out.append("val\t").append(scenario.countRepeatInstancesOf(parts[1])).append('\n');
                } else {
                    throw new IllegalArgumentException(cmd);
                }
            } catch (Throwable t) {
                Throwable cause = t;
                while (cause.getCause() != null) {
                    cause = cause.getCause();
                }
                if (cmd.equals("get") || cmd.equals("relevant") || cmd.equals("count")) {
                    out.append("error\t").append(cause.getClass().getSimpleName()).append('\n');
                } else {
                    out.append("fail\t").append(cmd).append(' ').append(cause.getClass().getSimpleName())
                        .append(' ').append(escape(String.valueOf(cause.getMessage()))).append('\n');
                }
            }
        }
        System.out.print(out);
        System.out.flush();
    }
}
