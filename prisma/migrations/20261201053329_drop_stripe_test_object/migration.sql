-- DropTable
DROP TABLE "StripeTestObject";

