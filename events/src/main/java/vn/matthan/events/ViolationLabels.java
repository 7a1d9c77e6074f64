package vn.matthan.events;

/** Vietnamese wording of violation types and signal phases, as officers and notices use it. */
public final class ViolationLabels {
    private ViolationLabels() {
    }

    public static String typeVi(String type) {
        return switch (type) {
            case "red_light" -> "Không chấp hành hiệu lệnh của đèn tín hiệu giao thông (vượt đèn đỏ)";
            case "lane" -> "Không đi đúng phần đường, làn đường quy định";
            case "wrong_way" -> "Đi ngược chiều của đường một chiều / chiều đường quy định";
            case "speeding" -> "Chạy quá tốc độ quy định (số đo tham khảo)";
            case "parking" -> "Đỗ xe sai quy định (đỗ xe tại nơi có biển “Cấm đỗ xe”)";
            case "stopping" -> "Dừng xe sai quy định (dừng xe tại nơi có biển “Cấm dừng xe và đỗ xe”)";
            default -> type;
        };
    }

    /** The short form burned into stills. */
    public static String shortVi(String type) {
        return switch (type) {
            case "red_light" -> "VƯỢT ĐÈN ĐỎ";
            case "lane" -> "SAI LÀN ĐƯỜNG";
            case "wrong_way" -> "ĐI NGƯỢC CHIỀU";
            case "speeding" -> "QUÁ TỐC ĐỘ (tham khảo)";
            case "parking" -> "ĐỖ XE SAI QUY ĐỊNH";
            case "stopping" -> "DỪNG XE SAI QUY ĐỊNH";
            default -> type;
        };
    }

    public static String phaseVi(String phase) {
        return switch (phase) {
            case "red" -> "ĐỎ";
            case "amber" -> "VÀNG";
            case "green" -> "XANH";
            default -> "không xác định";
        };
    }
}
