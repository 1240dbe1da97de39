;;; Packages of (gnu packages web), as name and version records.
;;; Generated from oscdsl.os.packages.PACKAGES by write_modules.

(define-module (gnu packages web)
  #:use-module (gnu packages)
  #:export (nginx
            httpd))

((python-ref (python-import "oscdsl.os") "install")
 (current-module) "packages")
