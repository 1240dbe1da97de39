;;; Packages of (gnu packages fonts), as name and version records.
;;; Generated from oscdsl.os.packages.PACKAGES by write_modules.

(define-module (gnu packages fonts)
  #:use-module (gnu packages)
  #:export (font-dejavu
            font-gnu-freefont))

((python-ref (python-import "oscdsl.os") "install")
 (current-module) "packages")
