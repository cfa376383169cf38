// Evaluates XPath expressions with JavaRosa (from the ODK Validate jar that pyxform's wheel
// ships), for tests/core/test_javarosa_table.py: one expression per input line, one result
// per output line, "kind<TAB>value" with kind num | str | bool | date | nodeset | error.
// Tests only: fieldapp never runs Java (docs/decisions/0004-pyxform-reader.md).
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.TimeZone;

import org.javarosa.core.model.condition.EvaluationContext;
import org.javarosa.core.model.instance.FormInstance;
import org.javarosa.core.model.instance.TreeElement;
import org.javarosa.xpath.XPathNodeset;
import org.javarosa.xpath.XPathParseTool;
import org.javarosa.xpath.expr.XPathExpression;
import org.javarosa.xpath.expr.XPathFuncExpr;

public class JavaRosaEval {
    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    public static void main(String[] args) throws Exception {
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
        FormInstance instance = new FormInstance(new TreeElement("data"));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        StringBuilder out = new StringBuilder();
        String line;
        while ((line = in.readLine()) != null) {
            String expr = line.replace("\\n", "\n").replace("\\t", "\t").replace("\\\\", "\\");
            String result;
            try {
                XPathExpression parsed = XPathParseTool.parseXPath(expr);
                Object value = parsed.eval(instance, new EvaluationContext(instance));
                if (value instanceof XPathNodeset) {
                    value = XPathFuncExpr.unpack(value);
                }
                if (value instanceof Double) {
                    double d = (Double) value;
                    result = "num\t" + (Double.isNaN(d) ? "NaN" : Double.toString(d));
                } else if (value instanceof Boolean) {
                    result = "bool\t" + value;
                } else if (value instanceof Date) {
                    result = "date\t" + ((Date) value).getTime();
                } else if (value instanceof String) {
                    result = "str\t" + escape((String) value);
                } else {
                    result = "other\t" + escape(String.valueOf(value));
                }
            } catch (Throwable t) {
                result = "error\t" + t.getClass().getSimpleName();
            }
            out.append(result).append('\n');
        }
        System.out.print(out);
        System.out.flush();
    }
}
